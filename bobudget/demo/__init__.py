"""The demo generator: realistic fictional households in every part of the work."""
