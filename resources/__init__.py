"""The program's editable text (letter templates, checklists, the handbook), installed as the
package `bobudget_resources` and read through importlib.resources (bobudget.kernel.resources).
No code: the folder is a package only so that it travels with the program."""
