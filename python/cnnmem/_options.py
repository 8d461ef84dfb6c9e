"""Python keyword arguments -> cnnmem command-line options, generically.

``some_option=value`` becomes ``--some-option value``; ``True`` a bare flag (or ``true`` where the
option takes ``<true|false>``); ``False`` the ``--no-...`` form where there is one, ``false`` for a
``<true|false>`` option, else nothing; a list or tuple repeats the option; a dict (``dim={"N": 8}``)
gives ``NAME=VALUE`` items; ``None`` leaves the option out. Names are checked against the CLI's own
``--help``, so a misspelt option is a TypeError listing the real ones.
"""
import difflib


RESERVED = ("format", "output")


def _flag(name):
    return "--" + name.replace("_", "-")


def to_args(command, values, known=None):
    """The argument list for ``values`` (a dict, in order). ``known``: {name: placeholder} from --help."""
    args = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.replace("_", "-")
        if known is not None and name not in known:
            close = difflib.get_close_matches(name, list(known), n=3)
            hint = "; did you mean " + " or ".join(f"{c.replace('-', '_')}= (--{c})" for c in close) + "?" if close else ""
            raise TypeError(f"cnnmem {command} has no option --{name} ({key}=){hint} "
                            f"Its options: {', '.join('--' + k for k in sorted(known))}")
        if name in RESERVED:
            raise TypeError(f"cnnmem: {key}= is set by the package (the JSON report is parsed); "
                            "summary(format=...) prints another format")
        placeholder = known.get(name) if known is not None else None
        takes_bool = placeholder is not None and placeholder.replace(" ", "") in ("true|false", "false|true")
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if isinstance(item, bool):
                if takes_bool:
                    args += [_flag(name), "true" if item else "false"]
                elif item:
                    args.append(_flag(name))
                elif known is None or ("no-" + name) in known:
                    args.append(_flag("no-" + name))
                continue
            if isinstance(item, dict):
                for k, v in item.items():
                    args += [_flag(name), f"{k}={v}"]
                continue
            args += [_flag(name), str(item)]
    return args
