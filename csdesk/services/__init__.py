"""Operations on a project: plain data in, plain data out, listeners told what changed.
Shared by the GUI and the command line. No Qt."""
