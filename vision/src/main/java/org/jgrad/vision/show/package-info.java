/**
 * A grid PNG of labelled thumbnails, the tutorials' {@code show_batch}: a quick look at what the
 * model will see (after resizing, and after augmentation when shown from a training batch).
 */
package org.jgrad.vision.show;
