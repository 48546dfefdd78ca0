// SPDX-License-Identifier: Apache-2.0
#include "gui.h"

#include <QApplication>
#include <QMainWindow>

int Gui::run(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QMainWindow window; // placeholder until the main window lands
    window.show();
    return app.exec();
}
