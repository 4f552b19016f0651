package de.amtsbote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Large documents for tests and the benchmark, written and hashed block by block: never more than a block in memory. */
public final class GeneratedFiles {

    private static final int BLOCK = 1 << 20;

    private GeneratedFiles() {
    }

    /** Writes pseudo-random content of the given size. @return its SHA-256, hex */
    public static String write(Path file, long size) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        MessageDigest digest = sha256Digest();
        Random random = new Random(42);
        byte[] block = new byte[BLOCK];
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** @return the file's SHA-256, hex */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
