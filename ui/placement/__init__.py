"""The placement part of the window: the queue, contracts, temporary housing and their forms."""
