"""One module per lesson, each with EXERCISES: the declarations of its graded exercises (see ../exercises.py)."""
