/**
 * Ready-made networks: {@link org.jgrad.models.LesionNetS}, the synthetic preset's 64-px
 * classifier, {@link org.jgrad.models.LesionNetM}, the real-data preset's 128-px one, and
 * {@link org.jgrad.models.ResNet18} in torchvision's layout, so its weights load by name. Each is an
 * {@link org.jgrad.models.ImageClassifier}: it names its own features, head and classifier layer.
 */
package org.jgrad.models;
