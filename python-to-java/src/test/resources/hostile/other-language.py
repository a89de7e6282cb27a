# Another language: polyglot access is off.
import polyglot
polyglot.eval(language='js', string='1')
