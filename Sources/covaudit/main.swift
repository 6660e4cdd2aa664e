import CoverageCommands

Covaudit.main()
