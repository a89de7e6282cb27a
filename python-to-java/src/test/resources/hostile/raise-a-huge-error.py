# An error whose message is 32 MB: the host's line quotes at most a few hundred characters of it.
raise ValueError("x" * (32 * 1024 * 1024))
