# A process.
import subprocess
subprocess.run(['id'])
