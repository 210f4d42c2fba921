/**
 * Training runs: {@link org.jgrad.app.train.Trainer} (the loop; a test can drive it with tiny data),
 * the run folder's files ({@link org.jgrad.app.train.RunFiles}, {@link org.jgrad.app.train.MetricsLog},
 * {@link org.jgrad.app.train.RunCheckpoint}; the report is handed in as a {@link org.jgrad.app.train.RunReport}), the data of a run ({@link org.jgrad.app.train.RunData},
 * {@link org.jgrad.app.train.SyntheticData}), the models the app knows ({@link org.jgrad.app.train.ModelKind})
 * and transfer learning ({@link org.jgrad.app.train.TransferInit}).
 */
package org.jgrad.app.train;
