# Keeps every list it makes: stopped because of the heap it fills.
kept = []
while True:
    kept.append([1.5] * 100000)
