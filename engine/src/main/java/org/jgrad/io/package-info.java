/**
 * Checkpoints in the safetensors format (readable by PyTorch users and the other way round),
 * written atomically and verified on load.
 */
package org.jgrad.io;
