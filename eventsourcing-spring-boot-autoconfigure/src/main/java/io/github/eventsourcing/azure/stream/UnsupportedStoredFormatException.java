package io.github.eventsourcing.azure.stream;

/**
 * Storage holds data in a format newer than this version of the library knows: it was written by a later version.
 * Nothing is read past it and nothing is changed; upgrade the library (every version reads all earlier formats).
 * The formats and their versions are described with each backend's storage layout.
 */
public class UnsupportedStoredFormatException extends EventStoreException {

    private final String found;
    private final String supported;

    /**
     * @param what      what carries the format, e.g. "the table row E-0000000003"
     * @param found     the format found there
     * @param supported the newest format this version reads
     */
    public UnsupportedStoredFormatException(String what, String found, String supported) {
        super(capitalized(what) + " is in stored format " + found + ", but this version of the library reads formats up "
                + "to " + supported + ": it was written by a later version; upgrade the library to read it");
        this.found = found;
        this.supported = supported;
    }

    /** The format found in storage. */
    public String found() {
        return found;
    }

    /** The newest format this version reads. */
    public String supported() {
        return supported;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
