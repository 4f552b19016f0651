package de.amtsbote.xta;

/** The XTA envelope is not as the interface demands (no message, no metadata, content not base64). */
class XtaContentException extends RuntimeException {

    XtaContentException(String message) {
        super(message);
    }
}
