/**
 * Ready-made networks: {@link org.jgrad.models.LesionNetS}, the app's default 64-px classifier,
 * and {@link org.jgrad.models.ResNet18} in torchvision's layout, so its weights load by name.
 */
package org.jgrad.models;
