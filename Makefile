# SPDX-License-Identifier: GPL-2.0
# resctrl with loadable resource drivers: build, boot and test in QEMU.
# Everything that is built or cached lives in $(BUILD); 'make clean'
# removes it.

BUILD ?= $(CURDIR)/.build
export BUILD

H := $(CURDIR)/harness

.PHONY: all deps build run shell check kunit checkpatch clean help bench fuzz

all: build

help:
	@echo "make run     build, boot the VM, mount resctrl and show it"
	@echo "make check   build three kernels, run KUnit and the selftests in QEMU,"
	@echo "             checkpatch; ends with 'N passed, N failed'"
	@echo "make shell   build and boot the VM to an interactive shell;"
	@echo "             MODEL=spr boots it as that CPU of the RDT hardware model"
	@echo "make kunit   run the KUnit suites with tools/testing/kunit/kunit.py"
	@echo "make bench   the benchmark in the VM: a table and a JSON record"
	@echo "make fuzz    the randomized write test with 1,000,000 writes"
	@echo "make clean   remove $(BUILD)"

deps:
	@$(H)/deps.sh

build: deps
	@$(H)/build-kernel.sh normal
	@$(H)/build-selftests.sh

run: build
	@$(H)/run-vm.sh normal run

shell: build
	@VM_MODEL=$(MODEL) $(H)/run-vm.sh normal shell

check: deps
	@$(H)/check.sh

kunit: deps
	@$(H)/kunit-tool.sh

bench: deps
	@$(H)/bench/bench.sh

fuzz: build
	@$(H)/bench/fuzz.sh

clean:
	rm -rf $(BUILD)
