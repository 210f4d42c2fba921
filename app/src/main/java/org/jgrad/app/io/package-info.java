/** Writing the app's output files atomically ({@link org.jgrad.app.io.OutputFiles}), for every package of the app. */
package org.jgrad.app.io;
