package de.amtsbote.xoev;

/** Author or reader of a message: a directory service (e.g. DVDV), the identifier there, and a display name. */
public record Party(String directory, String id, String name) {

    public String describe() {
        String where = directory == null ? "" : directory + ":";
        return name == null ? where + id : where + id + " (" + name + ")";
    }
}
