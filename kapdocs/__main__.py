from kapdocs.cli import main

main()
