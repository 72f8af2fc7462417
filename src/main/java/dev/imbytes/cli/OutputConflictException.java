package dev.imbytes.cli;

/**
 * An input's output is refused before anything is written: it would replace an input, or another
 * input of the batch owns that name. Its simple name is the error type in the input's record.
 */
final class OutputConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputConflictException(String message) {
        super(message);
    }
}
