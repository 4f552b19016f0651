package de.amtsbote.msgbox;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** No such message box, or no such message in it: 404, answered as a problem like every refusal. */
public class NoSuchBoxException extends ResponseStatusException {

    public NoSuchBoxException(String detail) {
        super(HttpStatus.NOT_FOUND, detail);
    }
}
