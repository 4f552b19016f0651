package de.amtsbote.attachments;

import de.amtsbote.tracking.TrackingId;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The documents of submissions, on disk from acceptance until delivery: {@code <directory>/<trackingId>/<sha256>};
 * those beside answers in {@code <directory>/answers/<answerId>/<sha256>}.
 * They arrive into {@code <directory>/.incoming/<random>/}, are hashed while written and synced to disk, and move to
 * their tracking id's folder (a rename on the same file system) before the portal gets its 202. A file's name is
 * its content's hash, never anything a client chose.
 */
@Component
public class AttachmentStore {

    private static final Logger log = LoggerFactory.getLogger(AttachmentStore.class);
    private static final String INCOMING = ".incoming";
    private static final String ANSWERS = "answers";

    private final Path directory;

    AttachmentStore(AttachmentProperties properties) throws IOException {
        this.directory = properties.directory().toAbsolutePath().normalize();
        Files.createDirectories(directory.resolve(INCOMING));
        Files.createDirectories(directory.resolve(ANSWERS));
    }

    /** A new set of incoming documents; closing it removes whatever was not kept. */
    public Incoming receive() {
        try {
            return new Incoming(Files.createDirectories(directory.resolve(INCOMING).resolve(UUID.randomUUID().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves the incoming documents to the tracking id's folder, durably. */
    public void keep(Incoming incoming, TrackingId trackingId) {
        keep(incoming, folder(trackingId), trackingId.toString());
    }

    /** Moves the incoming documents beside an answer to the answer's folder, durably. */
    public void keepForAnswer(Incoming incoming, String answerId) {
        keep(incoming, answerFolder(answerId), "answer " + answerId);
    }

    /** The declared documents of a submission, as stored; fails when one is missing. */
    public List<StoredAttachment> stored(TrackingId trackingId, List<DeclaredDocument> documents) {
        return stored(folder(trackingId), trackingId.toString(), documents);
    }

    /**
     * The declared documents beside an answer, as stored; none when the answer came without documents (it may
     * declare documents that travel elsewhere); fails when one of those it came with is missing.
     */
    public List<StoredAttachment> storedForAnswer(String answerId, List<DeclaredDocument> documents) {
        Path folder = answerFolder(answerId);
        return Files.isDirectory(folder) ? stored(folder, "answer " + answerId, documents) : List.of();
    }

    /** Removes a submission's documents (delivered, discarded, or never accepted); nothing there is fine. */
    public void delete(TrackingId trackingId) {
        delete(folder(trackingId), trackingId.toString());
    }

    /** Removes the documents beside an answer (delivered); nothing there is fine. */
    public void deleteForAnswer(String answerId) {
        delete(answerFolder(answerId), "answer " + answerId);
    }

    private void keep(Incoming incoming, Path target, String owner) {
        try {
            Files.move(incoming.folder, target, StandardCopyOption.ATOMIC_MOVE);
            incoming.kept = true;
            sync(target);
            sync(target.getParent());
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("Documents of " + owner + " are already stored", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<StoredAttachment> stored(Path folder, String owner, List<DeclaredDocument> documents) {
        List<StoredAttachment> stored = new ArrayList<>();
        for (DeclaredDocument document : documents) {
            Path file = folder.resolve(hex(document.sha256()));
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("Document " + document.documentId() + " of " + owner
                        + " is not in the attachment store " + directory);
            }
            stored.add(new StoredAttachment(document, file));
        }
        return stored;
    }

    private static void delete(Path folder, String owner) {
        if (Files.isDirectory(folder)) {
            deleteTree(folder);
            log.info("Removed the documents of {} from the attachment store", owner);
        }
    }

    private Path folder(TrackingId trackingId) {
        return directory.resolve(trackingId.value()); // a tracking id is a UUID: no path of anyone's choosing
    }

    private Path answerFolder(String answerId) {
        return directory.resolve(ANSWERS).resolve(UUID.fromString(answerId).toString()); // a UUID, or refused
    }

    private static String hex(String sha256) {
        String hex = sha256 == null ? "" : sha256.trim().toLowerCase(java.util.Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 hex value: " + sha256);
        }
        return hex;
    }

    private static void sync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Documents of one submission on their way in. */
    public static final class Incoming implements AutoCloseable {

        private final Path folder;
        private final Map<String, ReceivedAttachment> received = new LinkedHashMap<>();
        private boolean kept;

        private Incoming(Path folder) {
            this.folder = folder;
        }

        /**
         * Where a document's bytes go; closing the stream syncs the file and records its size and hash.
         *
         * @throws AttachmentMismatchException when two parts name the same document
         */
        public OutputStream open(String documentId) throws IOException {
            if (received.containsKey(documentId)) {
                throw new AttachmentMismatchException(documentId, "Document " + documentId + " came in more than one part");
            }
            received.put(documentId, null);
            Path partial = folder.resolve("part-" + received.size());
            FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            MessageDigest sha256 = sha256();
            return new FilterOutputStream(new DigestOutputStream(Channels.newOutputStream(channel), sha256)) {
                private long size;
                private boolean closed;

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                    size += length;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    size++;
                }

                @Override
                public void close() throws IOException {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    channel.force(true); // the 202 says "durably stored"
                    out.close();
                    String hash = HexFormat.of().formatHex(sha256.digest());
                    // the same content twice is one file
                    Files.move(partial, folder.resolve(hash), StandardCopyOption.REPLACE_EXISTING);
                    received.put(documentId, new ReceivedAttachment(documentId, size, hash));
                }
            };
        }

        /** The documents received, by the id their part names, in the order they came. */
        public Map<String, ReceivedAttachment> received() {
            return Collections.unmodifiableMap(received);
        }

        public boolean isEmpty() {
            return received.isEmpty();
        }

        @Override
        public void close() {
            if (!kept && Files.isDirectory(folder)) {
                deleteTree(folder);
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
