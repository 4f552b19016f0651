package de.amtsbote.xoev;

import java.nio.file.Path;
import java.util.List;

/** Placeholder until the code-list support lands (same API). */
public final class CodeLists {
    public static CodeLists load(List<Path> files) {
        if (!files.isEmpty()) {
            throw new UnsupportedOperationException("code lists not built yet");
        }
        return new CodeLists();
    }
}
