"""`claimgraph app`: the Streamlit command it runs, and that the explorer reads back the
same settings from the flags after `--` (the password travels in the environment only)."""

from pathlib import Path

from pydantic import SecretStr

from claimgraph.app.cli import main
from claimgraph.app.cmd_app import child_env, command
from claimgraph.app.explorer.components import settings_from_argv
from claimgraph.app.settings import Settings


def test_dry_run_prints_a_loopback_streamlit_command(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "g.db"), "app", "--dry-run", "--port", "8765"]) == 0
    out = capsys.readouterr().out
    assert "-m streamlit run" in out and out.split().count("--server.address") == 1
    assert "--server.address 127.0.0.1" in out and "--server.port 8765" in out
    assert f"--db {tmp_path / 'g.db'}" in out and "explorer/main.py" in out


def test_the_explorer_reads_back_the_same_settings(tmp_path):
    for settings in (
        Settings(data_dir=tmp_path, db_path=tmp_path / "x.db", graph_name="g1"),
        Settings(store="neo4j", data_dir=tmp_path, neo4j_uri="bolt://db:7687", neo4j_user="u",
                 neo4j_database="d", neo4j_password=SecretStr("s3cret")),
    ):
        cmd = command(settings, "127.0.0.1", 8501)
        after = cmd[cmd.index("--") + 1:]
        assert "s3cret" not in " ".join(cmd)  # never on the command line
        env = child_env(settings)
        back = settings_from_argv(after, env={"NEO4J_PASSWORD": env.get("NEO4J_PASSWORD", "")})
        assert back.model_dump(exclude={"neo4j_password", "db_path"}) == \
            settings.model_dump(exclude={"neo4j_password", "db_path"})
        assert back.db_file == settings.db_file
        assert back.neo4j_password.get_secret_value() == settings.neo4j_password.get_secret_value()


def test_entry_file_exists_where_the_command_points():
    cmd = command(Settings(data_dir=Path("/tmp")), "127.0.0.1", 1)
    assert Path(cmd[cmd.index("run") + 1]).is_file()
