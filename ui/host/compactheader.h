// Lives in the GUI thread. A horizontal table header that makes room for the sort arrow only in
// the sorted column (QHeaderView reserves it in every column when sorting is on, which costs a
// table of six narrow columns about 120 px).
#pragma once

#include <QHeaderView>

class CompactHeader final : public QHeaderView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompactHeader)

public:
    explicit CompactHeader(QWidget *parent = nullptr);
    ~CompactHeader() override;

protected:
    QSize sectionSizeFromContents(int logicalIndex) const override;
};
