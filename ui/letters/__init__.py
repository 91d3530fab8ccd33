"""Letters in the window: the PDF preview, printing, batches and the letter chooser."""
