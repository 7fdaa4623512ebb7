"""Background jobs (large imports): state, progress and problems, polled by the client."""
