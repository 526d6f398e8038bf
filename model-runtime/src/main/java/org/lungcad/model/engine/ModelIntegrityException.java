package org.lungcad.model.engine;

/** A model directory's weights do not match its descriptor: the model must not be used. */
public final class ModelIntegrityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelIntegrityException(String message) {
        super(message);
    }
}
