/**
 * {@link org.jgrad.check.GradCheck}, the finite-difference gradient checker that every op's test
 * uses and that learners can call on an op of their own.
 */
package org.jgrad.check;
