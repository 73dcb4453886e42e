"""The generated parser: complete help, `dateline PATH...`, exit codes, lazy imports."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

import tui.cli
from tui.cli import main
from tui.cli.parser import COMMAND_MODULES, COMMAND_NAMES, build_parser, command_names

COMMANDS = (
    "import", "list", "show", "search", "analyze", "bookmarks", "bookmark", "export",
    "feeds", "refresh", "mark", "follow", "timeline", "stories", "names", "news", "saved", "mute",
)  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def sub_parsers() -> dict[str, argparse.ArgumentParser]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no sub-parsers")


def test_every_command_module_registers_its_commands() -> None:
    assert command_names(build_parser()) == set(COMMANDS)
    # `dateline PATH` tells a path from a command by the names the modules declare (no parser built),
    # which `tui.cli` knows without importing them (the reader's start imports no command module).
    assert COMMAND_NAMES == set(COMMANDS)
    assert tui.cli.COMMAND_NAMES == COMMAND_NAMES
    for module in COMMAND_MODULES:
        commands = argparse.ArgumentParser().add_subparsers()
        module.register(commands)
        assert commands.choices, module.__name__
        assert set(commands.choices) == set(module.COMMANDS), module.__name__
        for parser in commands.choices.values():
            assert runnable(parser), (module.__name__, parser.prog)


def runnable(parser: argparse.ArgumentParser) -> bool:
    """A command runs a handler, or requires a sub-command each of which does (`feeds add`)."""
    if callable(parser.get_default("func")):
        return True
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return bool(groups) and all(
        g.required and all(runnable(p) for p in g.choices.values()) for g in groups
    )


def test_top_help_lists_every_command_and_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for name in COMMANDS:
        assert f"\n    {name} " in out, name
    assert "PATH..." in out and "exit codes" in out and "141" in out


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_shows_every_option(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, _ = run(capsys, name, "--help")
    assert code == 0 and out.startswith(f"usage: dateline {name}")
    for action in sub_parsers()[name]._actions:
        for option in action.option_strings:
            assert option in out, option
        assert action.help != argparse.SUPPRESS


def test_help_names_the_options_users_missed(capsys: pytest.CaptureFixture[str]) -> None:
    assert "import" in run(capsys, "bookmark", "--help")[1]
    assert "--markdown" in run(capsys, "bookmarks", "--help")[1]
    export_help = run(capsys, "export", "--help")[1]
    assert "--output" in export_help and "-o FILE" in export_help and "--force" in export_help
    search_help = run(capsys, "search", "--help")[1]
    assert "--limit" in search_help and "--all" in search_help


def test_analyze_all_is_gone(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", "--all")
    assert code == 2 and "--all" in err
    assert "--all" not in run(capsys, "analyze", "--help")[1]


def test_usage_errors_exit_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["search"], ["bookmark", "rename", "x"], ["list", "--sort", "size"], ["--bogus"]):
        code, out, err = run(capsys, *args)
        assert code == 2 and out == "" and "dateline" in err and "error" in err, args
    code, _, err = run(capsys, "search", "kerry", "--limit", "3", "--all")
    assert code == 2 and "not allowed" in err


def test_paths_open_the_reader_and_nothing_opens_the_library(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened: list[list[Path]] = []
    monkeypatch.setattr(tui.cli, "run_tui", lambda paths: opened.append(paths) or 0)
    story = tmp_path / "list"  # a file named like a command, given as a path
    story.write_text("x", encoding="utf-8")
    assert main([str(story), "other.txt"]) == 0
    assert main([]) == 0
    assert main(["--", "-odd-name.txt"]) == 0
    assert opened == [[story, Path("other.txt")], [], [Path("-odd-name.txt")]]


def test_a_missing_path_says_it_is_not_a_command_either(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "story.html")
    assert code == 1 and "no such file or folder: story.html" in err and "--help" in err


@pytest.mark.parametrize(
    ("args", "guess"), [(["refersh"], "refresh"), (["lst"], "list"), (["timline", "Kerry"], "timeline")]
)
def test_an_unknown_command_is_a_usage_error_with_the_closest_one(
    capsys: pytest.CaptureFixture[str], args: list[str], guess: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert f"unknown command {args[0]!r}" in err and f"did you mean {guess}?" in err


def test_an_unknown_word_without_a_close_command_points_to_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "zzzzqq")
    assert code == 2 and "unknown command 'zzzzqq'" in err and "--help" in err and "did you mean" not in err


def test_an_unknown_sub_command_suggests_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "feeds", "lst")
    assert code == 2 and "invalid choice: 'lst'" in err and "did you mean list?" in err
    code, _, err = run(capsys, "list", "--sort", "titel")
    assert code == 2 and "did you mean title?" in err


def test_python_dash_m_tui_passes_the_exit_code_on() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--no-such-flag"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "--no-such-flag" in result.stderr


@pytest.mark.parametrize("args", [["--version"], ["list"], ["--help"], ["search", "kerry"]])
def test_light_commands_import_neither_textual_nor_spacy(args: list[str]) -> None:
    code = (
        "import contextlib, io, sys\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({args!r}) == 0\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'spacy'))\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_the_reader_starts_without_building_the_parser(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`dateline PATH` and `dateline` go straight to the reader: no argparse parser is built
    (its first build is about 25 ms of the first frame); a command still builds it."""
    built: list[int] = []
    real_build = tui.cli.build_parser
    monkeypatch.setattr(tui.cli, "build_parser", lambda: built.append(1) or real_build())
    monkeypatch.setattr(tui.cli, "run_tui", lambda paths: 0)
    story = tmp_path / "story.txt"
    story.write_text("x", encoding="utf-8")
    assert main([str(story)]) == 0 and main([]) == 0 and main(["--", str(story)]) == 0
    assert built == []
    assert main(["--version"]) == 0 and built == [1]


def every_parser(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """`parser` and every sub-command's parser under it (`feeds add` too)."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found.extend(every_parser(sub))
    return found


def test_every_help_describes_every_option_its_default_and_date_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 21, item 8: every `--help` says what each option and argument is, its default when
    it has one, and the date format; every command says what it does."""
    for parser in every_parser(build_parser())[1:]:
        assert parser.description, parser.prog
        for action in parser._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            where = (parser.prog, action.dest)
            assert action.help and action.help != argparse.SUPPRESS, where
            default = action.default
            if default not in (None, False, "", argparse.SUPPRESS) and action.option_strings:
                assert "default" in action.help, where
            if action.metavar == "DATE":
                assert "YYYY-MM-DD" in action.help, where
        parser.print_help()
        shown = " ".join(capsys.readouterr().out.split())
        for action in parser._actions:
            if action.help and action.help != argparse.SUPPRESS:
                assert " ".join(action.help.split())[:30] in shown, (parser.prog, action.dest)
