/**
 * PyTorch and numpy weight files read into plain Java arrays: {@link
 * dev.lednet.model.weights.StateDictReader} reads {@code torch.save} files (zip and legacy) and
 * {@code .npz} archives, {@link dev.lednet.model.weights.StateDictWriter} writes {@code .npz}.
 */
package dev.lednet.model.weights;
