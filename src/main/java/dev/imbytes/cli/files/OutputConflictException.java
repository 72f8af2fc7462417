package dev.imbytes.cli.files;

/**
 * An input's output is refused before anything is written: it would replace an input, or another
 * input of the batch owns that name. Its simple name is the error type in the input's record.
 */
public final class OutputConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutputConflictException(String message) {
        super(message);
    }
}
