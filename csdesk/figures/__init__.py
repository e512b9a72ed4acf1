"""Qt-free layouts of figures (the journey map): plain geometry in points, drawn by ui/ and
report/."""
