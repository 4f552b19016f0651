package de.amtsbote.xoev;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The distinct namespace URIs the hub's documents declared, up to a bound: Saxon keeps every namespace URI it meets
 * for the JVM's life, so a stream of messages that each declare new ones would fill the heap. Past the bound a URI
 * not met before is refused until the hub restarts: refusing some messages is better than running out of memory.
 */
final class NamespacesMet {

    /** What Saxon keeps of this many stays below 20 MB ({@link SecureXml#MAX_NAMESPACE_URI_LENGTH}). */
    static final NamespacesMet HUB = new NamespacesMet(SecureXml.MAX_NAMESPACES_MET);

    private final Set<String> met = ConcurrentHashMap.newKeySet();
    private final int bound;

    NamespacesMet(int bound) {
        this.bound = bound;
    }

    /** Whether the URI is one met before or may still be taken (and now is). */
    boolean meet(String uri) {
        if (met.contains(uri)) {
            return true;
        }
        if (met.size() >= bound) {
            return false;
        }
        met.add(uri); // threads racing here may take a few past the bound
        return true;
    }
}
