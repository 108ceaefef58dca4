"""Peak memory of `import_companies` on generated Sirene files: it must not grow with them.

    .venv/bin/python scripts/sirene_memory.py --rows 1000000 [--dir /tmp/sirene] [--keep]

Writes a StockEtablissement file of ROWS establishments (the published 54 columns, a third in
partial diffusion, a fifth outside industry) and a StockUniteLegale file with one legal unit per
establishment plus as many that none needs, then runs `manage.py import_companies
ETABLISSEMENTS.csv --unites-legales UNITES.csv --industrie` in a child process on a
fresh database and prints its peak resident memory (ru_maxrss) and its duration, for ROWS and
for ROWS / 10: flat memory means both peaks about equal. The files are deleted afterwards unless
--keep; they are never to be committed.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stdnum import luhn  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "sirene_etablissements_sample.csv"
UNITS_SAMPLE = ROOT / "tests" / "data" / "sirene_unites_legales_sample.csv"
NAF = ["25.62B", "26.11Z", "10.71C", "28.41Z", "56.10A", "33.12Z", "22.29A", "35.11Z", "47.11F"]
COMMUNES = [
    ("38185", "38000", "GRENOBLE"),
    ("69387", "69007", "LYON"),
    ("13201", "13001", "MARSEILLE"),
]


def siren(n: int) -> str:
    base = f"{n:08d}"
    return base + luhn.calc_check_digit(base)


def write_files(directory: Path, rows: int) -> tuple[Path, Path]:
    with open(SAMPLE, encoding="utf-8", newline="") as file:
        header = next(csv.reader(file))
    with open(UNITS_SAMPLE, encoding="utf-8", newline="") as file:
        units_header = next(csv.reader(file))
    names = [name.strip() for name in header]
    etablissements = directory / "StockEtablissement.csv"
    unites = directory / "StockUniteLegale.csv"
    with open(etablissements, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(header)
        for n in range(rows):
            number = siren(10_000_000 + n)
            nic = "0001" + luhn.calc_check_digit(number + "0001")
            commune = COMMUNES[n % len(COMMUNES)]
            values = dict.fromkeys(names, "")
            values.update(
                siren=number,
                nic=nic,
                siret=number + nic,
                statutDiffusionEtablissement="P" if n % 3 == 0 else "O",
                trancheEffectifsEtablissement="12",
                etatAdministratifEtablissement="A",
                numeroVoieEtablissement=str(n % 200 + 1),
                typeVoieEtablissement="RUE",
                libelleVoieEtablissement=f"DES ATELIERS {n % 97}",
                codePostalEtablissement=commune[1],
                libelleCommuneEtablissement=commune[2],
                codeCommuneEtablissement=commune[0],
                activitePrincipaleEtablissement=NAF[n % len(NAF)],
                nomenclatureActivitePrincipaleEtablissement="NAFRev2",
                activitePrincipaleNAF25Etablissement=NAF[n % len(NAF)][:5] + "Y",
                enseigne1Etablissement="" if n % 4 else f"ENSEIGNE {n}",
                coordonneeLambertAbscisseEtablissement="913496.5",
                coordonneeLambertOrdonneeEtablissement="6458124.8",
            )
            writer.writerow([values[name] for name in names])
    with open(unites, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(units_header)
        for n in range(2 * rows):  # as many units that no establishment of the file needs
            values = dict.fromkeys(units_header, "")
            values.update(
                siren=siren(10_000_000 + n),
                statutDiffusionUniteLegale="P" if n % 7 == 0 else "O",
                etatAdministratifUniteLegale="A",
            )
            if n % 5 == 0:
                values.update(nomUniteLegale=f"NOM{n}", prenomUsuelUniteLegale="CAMILLE")
            else:
                values["denominationUniteLegale"] = f"SOCIETE INDUSTRIELLE {n}"
            writer.writerow([values[name] for name in units_header])
    return etablissements, unites


def measure(etablissements: Path, unites: Path, database: Path) -> tuple[float, float]:
    env = os.environ | {"DATABASE_URL": f"sqlite:///{database}", "DEBUG": "0"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    started = time.monotonic()
    child = subprocess.Popen(
        [
            *manage,
            "import_companies",
            str(etablissements),
            "--unites-legales",
            str(unites),
            "--industrie",
            "--no-progress",
            "--skip-checks",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    output = child.stdout.read()
    if status:
        sys.exit(output)
    print("   ", " | ".join(line for line in output.splitlines() if ":" in line)[:400])
    return usage.ru_maxrss / 1024, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()
    directory = options.dir or Path(tempfile.mkdtemp(prefix="sirene-memory-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        for rows in (options.rows // 10, options.rows):
            etablissements, unites = write_files(directory, rows)
            size = (etablissements.stat().st_size + unites.stat().st_size) / 2**20
            print(f"{rows:>9,} establishments, {2 * rows:,} legal units ({size:,.0f} MiB):")
            peak, seconds = measure(etablissements, unites, directory / f"db-{rows}.sqlite3")
            print(f"    peak RSS {peak:,.0f} MiB, {seconds:,.0f} s ({rows / seconds:,.0f} rows/s)")
    finally:
        if not options.keep:
            for path in directory.iterdir():
                path.unlink()
            directory.rmdir()


if __name__ == "__main__":
    main()
