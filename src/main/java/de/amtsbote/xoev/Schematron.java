package de.amtsbote.xoev;

import java.nio.file.Path;

/** Placeholder until the Schematron support lands (same API). */
public final class Schematron {
    public static Schematron compile(Path schFile, Path allowedRoot) {
        throw new UnsupportedOperationException("Schematron not built yet: " + schFile);
    }

    public void validate(byte[] xml) {
    }
}
