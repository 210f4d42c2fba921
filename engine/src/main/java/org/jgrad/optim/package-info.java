/**
 * Optimizers that update parameters in place from their gradients ({@link org.jgrad.optim.Sgd},
 * {@link org.jgrad.optim.Adam} and AdamW), learning-rate schedules, gradient clipping, and the
 * check that stops training on a non-finite loss. The update maths runs in the backend.
 */
package org.jgrad.optim;
