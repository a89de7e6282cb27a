# A loop that never ends: stopped by the time limit.
while True:
    pass
