import CoverageCommands

CovauditCommand.main()
