/**
 * Pretrained weights fetched from the network once and kept in a local folder: where they come
 * from ({@link org.jgrad.app.weights.WeightsSource}), and the download that checks each file's
 * SHA-256 before it is ever used ({@link org.jgrad.app.weights.WeightsStore}).
 */
package org.jgrad.app.weights;
