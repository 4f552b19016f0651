package de.amtsbote.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.util.unit.DataSize;

/** Reads a request body, refusing it as soon as it is known to be over the limit (before reading, when declared). */
public final class BoundedBody {

    private BoundedBody() {
    }

    public static byte[] read(InputStream in, long declaredLength, DataSize limit) throws IOException {
        long max = limit.toBytes();
        if (declaredLength > max) {
            throw new PayloadTooLargeException(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 8192);
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            total += n;
            if (total > max) {
                throw new PayloadTooLargeException(limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
