# nbgrader reads nbgrader_config.py from the folder it runs in. The course's configuration lives in grading/.
load_subconfig("grading/nbgrader_config.py")  # noqa: F821 (provided by traitlets)
