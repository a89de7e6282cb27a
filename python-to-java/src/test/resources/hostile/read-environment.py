# The environment: the script sees an empty one.
import os
print(os.environ['HOME'])
