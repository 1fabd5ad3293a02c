#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # Production unless development is asked for (DJANGO_SETTINGS_MODULE=cms.settings.dev, as the Makefile
    # does): a forgotten variable must stop the command, not run it with DEBUG on.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
