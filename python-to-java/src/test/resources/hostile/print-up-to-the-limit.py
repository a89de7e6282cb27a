# Output that ends exactly at the limit (64 KB, a whole write), without a line break; then more.
import sys
sys.stdout.write("x" * (64 * 1024))
sys.stdout.flush()
sys.stdout.write("y")
sys.stdout.flush()
