/** LEDNet on DJL's PyTorch engine: the network, weight import and TorchScript models. */
package dev.lednet.model;
