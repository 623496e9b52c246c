from warledger.cli import run

run()
