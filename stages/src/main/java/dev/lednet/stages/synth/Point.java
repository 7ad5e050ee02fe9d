package dev.lednet.stages.synth;

/** A polygon vertex in pixel coordinates, integral as in the official annotation files. */
public record Point(int x, int y) {}
