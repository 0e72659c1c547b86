"""
Lays out a cookiecutter template equivalent to one Scaffolder overlay, for tests/benchmarks/startup.sh.

Its files are those of an approved snapshot (tests/Scaffolder.Tests/Snapshots/...) with what depends on the
project or is fresh on each apply as Jinja variables: the package name (which names the app, the database and
a folder) and the two secrets of .env, generated on each run as Scaffolder generates them. Rendering it makes the
same files with the same text that `scaffolder apply` writes to that project, without looking at the project
first, merging with its files or writing atomically.

Usage: python3 cookiecutter_template.py SNAPSHOT TEMPLATE_FOLDER
"""

import json
import os
import re
import sys

PACKAGE = "mysite"
SECRET_KEY = "test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ"
DATABASE_PASSWORD = "test-database-password"
HEADER = re.compile(r"^=== (?P<path>.+?) \((?P<how>[^)]*)\) ===$")


def files_of(snapshot):
    """The snapshot's files, path to content; the next steps (printed, not written) are left out. Each file is
    followed by a newline of the snapshot's own, which splitting into lines and joining them again drops."""
    files, path, lines = {}, None, []
    for line in open(snapshot, encoding="utf-8").read().split("\n"):
        header = HEADER.match(line)
        if header or line == "=== next steps ===":
            if path is not None:
                files[path] = "\n".join(lines)
            path, lines = (header.group("path") if header else None), []
        elif path is not None:
            lines.append(line)
    if path is not None:
        files[path] = "\n".join(lines)
    return files


def as_template(text):
    for jinja in ("{{", "{%", "{#"):
        if jinja in text:
            raise SystemExit(f"the snapshot holds {jinja!r}, which Jinja would read: escape it before using this template")
    return (text.replace(SECRET_KEY, "{{ cookiecutter.secret_key }}")
                .replace(DATABASE_PASSWORD, "{{ cookiecutter.database_password }}")
                .replace(PACKAGE, "{{ cookiecutter.package }}"))


def main(snapshot, template):
    root = os.path.join(template, "{{ cookiecutter.project }}")
    for path, content in files_of(snapshot).items():
        target = os.path.join(root, as_template(path))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as file:
            file.write(as_template(content))
    context = {
        "project": "project",
        "package": PACKAGE,
        "secret_key": "{{ random_ascii_string(64) }}",
        "database_password": "{{ random_ascii_string(32) }}",
    }
    with open(os.path.join(template, "cookiecutter.json"), "w", encoding="utf-8") as file:
        json.dump(context, file, indent=2)


if __name__ == "__main__":
    main(*sys.argv[1:3])
