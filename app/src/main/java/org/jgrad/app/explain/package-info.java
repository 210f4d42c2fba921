/** Where the model looked: {@link org.jgrad.app.explain.GradCam}, the Grad-CAM heat map of {@code predict --saliency}. */
package org.jgrad.app.explain;
