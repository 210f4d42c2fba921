/**
 * Optimizers that update parameters in place from their gradients ({@link org.jgrad.optim.Sgd},
 * {@link org.jgrad.optim.Adam} and AdamW), learning-rate schedules, gradient clipping, and the
 * guards that stop a diverging training ({@link org.jgrad.optim.LossGuard},
 * {@link org.jgrad.optim.DivergenceGuard}). The update maths runs in the backend.
 */
package org.jgrad.optim;
